package dev.ebpm.format.trust;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM armour: one labelled block of base64 DER, read from text of bounded size. */
record Pem(String label, byte[] der) {
    /** A PEM key file is a few hundred bytes; anything much larger is not one. */
    static final int MAX_SIZE = 16 * 1024;
    private static final Pattern BLOCK = Pattern.compile(
        "-----BEGIN ([A-Z0-9 ]{1,60})-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    static Pem read(byte[] text, String what) {
        if (text.length > MAX_SIZE) {
            throw new KeyFormatException(what + " is " + text.length + " bytes; a PEM key is under " + MAX_SIZE);
        }
        Matcher m = BLOCK.matcher(new String(text, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new KeyFormatException(what + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        try {
            return new Pem(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(what + ": the PEM block is not valid base64");
        }
    }

    String write() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
