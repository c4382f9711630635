package io.sark.dao;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.schema.json.SarkJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Test helpers. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * Self-signed test certificates in src/test/resources/io/sark/dao, made once with
     * {@code openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=sark-test-node-a} (node-a, RSA) and
     * {@code -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=sark-test-node-b} (node-b); keys discarded.
     */
    static String pem(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name + ".pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of node-a.pem's DER, from {@code openssl x509 -in node-a.pem -outform DER | sha256sum}. */
    static final String NODE_A_SHA256 = "b1010e01a94e79a4830068b4515500e104c3805a5fe7485567985766127956c1";

    static JsonNode json(String text) {
        return SarkJson.parse(text);
    }

    static String uid(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
