package io.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAccountTest {

    @Test
    void tellsTheBrokersThreadsFromTheServicesAndTheClients() {
        assertThat(CpuAccount.kindOf("data-plane-kafka-request-handler-3")).isEqualTo(CpuAccount.BROKER);
        assertThat(CpuAccount.kindOf("kafka-1-raft-io-thread")).isEqualTo(CpuAccount.BROKER);
        assertThat(CpuAccount.kindOf("TxnMarkerSenderThread-1")).isEqualTo(CpuAccount.BROKER);
        assertThat(CpuAccount.kindOf("app-1b4e28ba-2fa1-11d2-883f-0016d3cca427-StreamThread-1")).isEqualTo(CpuAccount.STREAM_THREADS);
        // A Streams thread's producer is a client's network thread, though its name holds "StreamThread".
        assertThat(CpuAccount.kindOf("kafka-producer-network-thread | app-1b4e28ba-2fa1-11d2-883f-0016d3cca427-StreamThread-1-producer"))
                .isEqualTo(CpuAccount.CLIENT_IO);
        assertThat(CpuAccount.kindOf("main")).isNull();
    }

    @Test
    void namesTheApplicationOfAStreamThread() {
        assertThat(CpuAccount.applicationOf("bench-1-saga-projections-order-summary-v1-1b4e28ba-2fa1-11d2-883f-0016d3cca427-StreamThread-2"))
                .isEqualTo("bench-1-saga-projections-order-summary-v1");
    }

    @Test
    void accountsForTheCpuThisThreadSpends() {
        CpuAccount account = CpuAccount.start();
        long sum = 0;
        for (int i = 0; i < 50_000_000; i++) {
            sum += i % 7;
        }
        Map<String, Double> spent = account.spentSince();
        assertThat(sum).isPositive();
        // This thread is none of Kafka's: its work lands in the rest, and the total holds it.
        assertThat(spent.get(CpuAccount.REST)).isPositive();
        assertThat(spent.get("total")).isGreaterThanOrEqualTo(spent.get(CpuAccount.REST));
        Map<String, Object> perThousand = CpuAccount.perThousand(spent, 1_000);
        assertThat(perThousand).containsKeys("cpuMsPer1000 broker", "cpuMsPer1000 total", "coresBusy");
    }
}
