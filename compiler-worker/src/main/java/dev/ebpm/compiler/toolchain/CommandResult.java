package dev.ebpm.compiler.toolchain;

/** How a tool run ended: exit code, what it printed and how long it took. */
public record CommandResult(int exitCode, byte[] stdout, String stderr, long millis) {
    public boolean ok() {
        return exitCode == 0;
    }

    public String stdoutText() {
        return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }
}
