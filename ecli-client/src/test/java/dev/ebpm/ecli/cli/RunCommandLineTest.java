package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.options.RunCommandLine;
import dev.ebpm.ecli.options.RunOptions;
import dev.ebpm.ecli.resolve.PullPolicy;
import dev.ebpm.format.options.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one precedence rule for what follows the package: ecli's options are ecli's, except after --. */
class RunCommandLineTest {
    @Test
    void eclisOptionsAreTakenWhereverTheyStand() {
        RunCommand.Settings s = new RunCommand.Settings();
        RunCommandLine line = RunCommandLine.split(List.of("-p", "42", "--duration", "5", "--json", "--failed",
            "--registry=localhost:9999", "--offline", "-v"), RunCommand.OPTIONS, s);
        assertThat(line.program()).containsExactly("-p", "42", "--failed");
        assertThat(line.taken()).containsExactlyInAnyOrder("--duration", "--json", "--registry", "--offline", "-v");
        RunOptions run = s.run.build(s.output.json(), s.common.verbose());
        assertThat(run.durationSeconds()).isEqualTo(5.0);
        assertThat(run.json()).isTrue();
        assertThat(run.verbose()).isTrue();
        assertThat(s.hub.build().registry()).isEqualTo("http://localhost:9999");
        assertThat(s.hub.build().offline()).isTrue();
    }

    @Test
    void afterADoubleDashEverythingIsTheProgramsSoItsFlagsMayShareNamesWithEclis() {
        RunCommand.Settings s = new RunCommand.Settings();
        RunCommandLine line = RunCommandLine.split(List.of("--pull", "always", "--", "--registry", "x", "--pull",
            "--duration=3"), RunCommand.OPTIONS, s);
        assertThat(line.program()).containsExactly("--registry", "x", "--pull", "--duration=3");
        assertThat(s.hub.build().pull()).isEqualTo(PullPolicy.ALWAYS);
        assertThat(s.run.build(false, false).durationSeconds()).isEqualTo(-1);
    }

    @Test
    void aBadValueIsRefusedWhateverThePackageIs() {
        assertThatThrownBy(() -> RunCommandLine.split(List.of("--pull", "sometimes"), RunCommand.OPTIONS,
            new RunCommand.Settings())).isInstanceOf(UsageException.class)
            .hasMessage("--pull: expected always, missing or never, got \"sometimes\"");
        assertThatThrownBy(() -> RunCommandLine.split(List.of("--duration", "soon"), RunCommand.OPTIONS,
            new RunCommand.Settings()))
            .hasMessage("--duration: expected a number of seconds (0: stop once attached), got \"soon\"");
        assertThatThrownBy(() -> RunCommandLine.split(List.of("--ifindex"), RunCommand.OPTIONS,
            new RunCommand.Settings())).hasMessage("option '--ifindex' needs a value: N");
    }
}
