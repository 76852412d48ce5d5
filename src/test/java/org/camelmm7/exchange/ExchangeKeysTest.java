package org.camelmm7.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camelmm7.client.ClientExchange;
import org.camelmm7.email.MailExchange;
import org.junit.jupiter.api.Test;

/** The routes' vocabulary: every exchange property a key, each name once, and the YAML names only declared ones. */
class ExchangeKeysTest {

    private static List<String> names() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Class<?> holder : List.of(Mm7Exchange.class, MailExchange.class, ClientExchange.class)) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ExchangeKey.class) {
                    names.add(((ExchangeKey<?>) field.get(null)).name());
                }
            }
        }
        return names;
    }

    @Test
    void eachPropertyIsNamedOnce() throws Exception {
        List<String> names = names();
        assertThat(names).hasSizeGreaterThan(30).doesNotHaveDuplicates();
    }

    @Test
    void theRoutesNameOnlyDeclaredProperties() throws Exception {
        Set<String> declared = Set.copyOf(names());
        Pattern property = Pattern.compile("exchangeProperty\\.(\\w+)|(?:setProperty|removeProperty):\\s*\\n\\s*name: (\\w+)");
        Set<String> used;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            used = files.flatMap(f -> {
                Matcher m = property.matcher(read(f));
                List<String> found = new ArrayList<>();
                while (m.find()) {
                    found.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
                return found.stream();
            }).collect(Collectors.toSet());
        }
        assertThat(used).isNotEmpty().allMatch(declared::contains, "declared in Mm7Exchange, MailExchange or ClientExchange");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
