package org.hepatica.platform.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/** A servlet the HTTP runtime does not take is registered again, after three checks, a bounded number of times. */
class WhiteboardWatchTest {
    private static ServiceReference<?> service(String name) {
        return (ServiceReference<?>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> m.getName().equals("toString") ? name : null);
    }

    private static final class Fake implements WhiteboardWatch.Platform {
        final Map<String, ServiceReference<?>> servlets = Map.of("hepatica-api", service("api"), "hepatica-web", service("web"));
        Set<String> registered = new HashSet<>(Set.of("hepatica-api"));
        final Map<String, Boolean> answers = new java.util.HashMap<>();
        final List<String> again = new ArrayList<>();

        @Override
        public Boolean answers(String servlet) {
            return answers.get(servlet);
        }

        @Override
        public Map<String, ServiceReference<?>> servlets() {
            return servlets;
        }

        @Override
        public Set<String> registered() {
            return registered;
        }

        @Override
        public void reregister(ServiceReference<?> servlet) {
            again.add(servlet.toString());
        }
    }

    @Test
    void aServletMissingFromTheRuntimeAtThreeChecksIsRegisteredAgainAtMostThreeTimes() {
        Fake f = new Fake();
        WhiteboardWatch watch = new WhiteboardWatch(f);
        watch.check();
        watch.check();
        assertEquals(List.of(), f.again, "two misses may be a registration in progress");
        watch.check();
        assertEquals(List.of("web"), f.again, "the API is in the runtime and stays untouched");
        for (int i = 0; i < 20; i++) {
            watch.check();
        }
        assertEquals(List.of("web", "web", "web"), f.again, "never more than three times");
    }

    @Test
    void aServletTheRuntimeListsButWhosePathAnswers404IsRegisteredAgain() {
        Fake f = new Fake();
        f.registered.add("hepatica-web");
        f.answers.put("hepatica-api", false);
        f.answers.put("hepatica-web", null);
        WhiteboardWatch watch = new WhiteboardWatch(f);
        watch.check();
        watch.check();
        watch.check();
        assertEquals(List.of("api"), f.again, "the web interface cannot be asked: left alone");
        f.answers.put("hepatica-api", true);
        for (int i = 0; i < 5; i++) {
            watch.check();
        }
        assertEquals(List.of("api"), f.again, "answering again: left alone");
    }

    @Test
    void aServletThatAppearsIsLeftAloneAndNothingHappensWithoutARuntime() {
        Fake f = new Fake();
        WhiteboardWatch watch = new WhiteboardWatch(f);
        watch.check();
        watch.check();
        f.registered.add("hepatica-web");
        watch.check();
        watch.check();
        watch.check();
        assertEquals(List.of(), f.again);
        f.registered = null;
        for (int i = 0; i < 5; i++) {
            watch.check();
        }
        assertEquals(List.of(), f.again, "no runtime yet: nothing to compare");
    }
}
