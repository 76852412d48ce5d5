package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store write that outlasts its time is interrupted; the interrupt never reaches what the thread does next. */
class StoreWriteDeadlineTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aWriteThatOutlastsItsTimeIsInterruptedAndTheThreadIsLeftWithoutTheInterrupt() throws Exception {
        StoreWriteDeadline deadline = new StoreWriteDeadline(timer, Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThatThrownBy(() -> deadline.overran(() -> Thread.sleep(30_000))).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aWriteThatSwallowsTheInterruptIsReportedAsOverrun() throws Exception {
        StoreWriteDeadline deadline = new StoreWriteDeadline(timer, Duration.ofMillis(100));
        boolean overran = deadline.overran(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as Artemis's client does before it throws its own exception
            }
        });
        assertThat(overran).isTrue();
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void aWriteInTimeIsNotInterruptedThenOrLater() throws Exception {
        StoreWriteDeadline deadline = new StoreWriteDeadline(timer, Duration.ofMillis(100));
        for (int i = 0; i < 50; i++) {
            assertThat(deadline.overran(() -> { })).isFalse();
        }
        Thread.sleep(300); // past every write's time: no alarm left to go off
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void noTimeMeansNoLimit() throws Exception {
        StoreWriteDeadline deadline = new StoreWriteDeadline(timer, Duration.ZERO);
        assertThat(deadline.overran(() -> Thread.sleep(300))).isFalse();
    }
}
