package org.camelmm7.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings with(String key, String value) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty(key, value);
        context.getPropertiesComponent().setInitialProperties(p);
        return new Settings(context);
    }

    @Test
    void daysTakeFractionsToTheMillisecond() {
        assertThat(with("k", "14").days("k")).isEqualTo(Duration.ofDays(14));
        assertThat(with("k", " 0.5 ").days("k")).isEqualTo(Duration.ofHours(12));
        // ten minutes as an operator would write it, rounded to the millisecond
        assertThat(with("k", "0.00694").days("k")).isEqualTo(Duration.ofMillis(599_616));
        assertThat(with("k", "0").days("k")).isZero();
    }

    @Test
    void daysThatAreNoneAreRefusedByName() {
        for (String bad : new String[] {"-1", "two", "1e400", ""}) {
            assertThatThrownBy(() -> with("mm7.x.retention-days", bad).days("mm7.x.retention-days"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mm7.x.retention-days");
        }
    }
}
