package io.eventline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void bad_input_ends_with_its_message_and_status_2_and_no_stack_trace() {
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setErr(new PrintWriter(err));

        int status = line.execute("rebuild-projection", "no-such-model");

        assertThat(status).isEqualTo(Main.REFUSED);
        assertThat(err.toString()).contains("eventline: no read model named no-such-model; known: [")
                .doesNotContain("\tat ");
    }
}
