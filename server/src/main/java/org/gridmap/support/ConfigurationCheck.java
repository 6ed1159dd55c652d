package org.gridmap.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.inject.BeanDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reports, at start, settings under {@code gridmap.*} that no configuration record reads: a misspelt key would
 * otherwise be ignored without a word, and the default used. (The records themselves are validated when they are
 * created: a value out of range stops the start with the key and the limit.)
 */
@Context
public class ConfigurationCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationCheck.class);

    private final List<String> unknown;

    ConfigurationCheck(ApplicationContext ctx) {
        Set<String> known = knownKeys(ctx);
        Set<String> present = new TreeSet<>();
        for (PropertySource source : ctx.getEnvironment().getPropertySources()) {
            for (String key : source) {
                String k = normal(key);
                if (k.startsWith("gridmap.")) {
                    present.add(k);
                }
            }
        }
        unknown = present.stream().filter(k -> !known.contains(k)).toList();
        if (!unknown.isEmpty()) {
            LOG.warn("未知配置项 / unknown settings, ignored (a typo?): {}; docs/configuration.md lists the settings",
                    String.join(", ", unknown));
        }
    }

    /** The settings present that no record reads. */
    public List<String> unknown() {
        return unknown;
    }

    /** Every key the configuration records under {@code gridmap.} read, in kebab case. */
    public static Set<String> knownKeys(ApplicationContext ctx) {
        Set<String> out = new TreeSet<>();
        for (BeanDefinition<?> d : ctx.getAllBeanDefinitions()) {
            String prefix = d.stringValue(ConfigurationReader.class, "prefix").orElse(null);
            Class<?> type = d.getBeanType();
            if (prefix == null || !prefix.startsWith("gridmap") || !type.isRecord()) {
                continue;
            }
            for (var c : type.getRecordComponents()) {
                out.add(prefix + "." + NameUtils.hyphenate(c.getName()));
            }
        }
        return out;
    }

    /** A key as the records name it: list indices dropped, each part in kebab case. */
    static String normal(String key) {
        String k = key.replaceAll("\\[[^]]*]", "");
        return Arrays.stream(k.split("\\.")).map(NameUtils::hyphenate).collect(Collectors.joining("."));
    }
}
