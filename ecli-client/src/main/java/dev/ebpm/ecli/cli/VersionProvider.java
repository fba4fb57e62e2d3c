package dev.ebpm.ecli.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** ecli's version, from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/ecli.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"ecli (ebpm) " + p.getProperty("ecli.version", "unknown"),
            "runs eunomia-bpf packages (format " + dev.ebpm.format.meta.ObjectMeta.EUNOMIA_FORMAT_VERSION
                + ") and ebpm packages through libbpf"};
    }
}
