package org.hepatica.importer.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** An {@link ImporterConfiguration} with its defaults, some overridden (keys: method names). */
final class Configs {
    private Configs() {
    }

    static ImporterConfiguration config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        return (ImporterConfiguration) Proxy.newProxyInstance(Configs.class.getClassLoader(),
                new Class<?>[] {ImporterConfiguration.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "toString" -> "ImporterConfiguration" + values;
                        case "hashCode" -> values.hashCode();
                        default -> ImporterConfiguration.class;
                    };
                });
    }
}
