package org.hepatica.importer.internal;

import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.BeanRepository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Lets routes name OSGi services as beans: {@code jdbc:hospital} finds the {@code DataSource}
 * service whose {@code osgi.jndi.service.name} or {@code dataSourceName} is {@code hospital}, as
 * pax-jdbc-config registers it from {@code etc/org.ops4j.datasource-hospital.cfg}. A service is
 * looked up each time, so one that left is not handed out.
 */
final class OsgiBeanRepository implements BeanRepository {

    private final BundleContext bundle;

    OsgiBeanRepository(BundleContext bundle) {
        this.bundle = bundle;
    }

    @Override
    public Object lookupByName(String name) {
        return lookupByNameAndType(name, Object.class);
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        String filter = "(|(osgi.jndi.service.name=" + escape(name) + ")(dataSourceName=" + escape(name)
                + ")(camel.bean.name=" + escape(name) + "))";
        try {
            ServiceReference<?>[] refs = bundle.getServiceReferences(
                    type == Object.class ? null : type.getName(), filter);
            if (refs == null) {
                return null;
            }
            Object service = bundle.getService(refs[0]);
            return type.isInstance(service) ? type.cast(service) : null;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        return Map.of();
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return Set.of();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(' || c == ')' || c == '*' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

}
