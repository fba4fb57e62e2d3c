package dev.ebpm.compiler.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** ecc's version, from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/ecc.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"ecc (ebpm) " + p.getProperty("ecc.version", "unknown"),
            "writes eunomia-bpf package format " + dev.ebpm.format.meta.ObjectMeta.EUNOMIA_FORMAT_VERSION};
    }
}
