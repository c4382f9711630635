package io.sark.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A self-signed X.509 v3 certificate (ECDSA P-256 with SHA-256) and its private key, generated with the JDK
 * alone and deterministic for a given seed: same common name, seed and start, same bytes. Good for federation
 * trust anchors and mutual TLS in tests, never for anything else (the key is derived from a public seed).
 *
 * <p>Content: subject = issuer = {@code CN=<commonName>, O=SARK testkit}; basicConstraints {@code CA:TRUE}
 * (critical, it is its own trust anchor); subjectAltName {@code DNS:<commonName>}; valid from {@code notBefore}
 * for 100 years.
 *
 * @param certificate the parsed certificate
 * @param privateKey  its EC private key
 */
public record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    /** Validity of generated certificates. */
    public static final int VALIDITY_YEARS = 100;

    private static final byte[] OID_ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] OID_CN = oid(2, 5, 4, 3);
    private static final byte[] OID_O = oid(2, 5, 4, 10);
    private static final byte[] OID_BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
    private static final byte[] OID_SUBJECT_ALT_NAME = oid(2, 5, 29, 17);

    /** Validates. */
    public SelfSignedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Generates a certificate for {@code commonName} (also its DNS subject alternative name), deterministically
     * from {@code seed}, valid from {@code notBefore}.
     */
    public static SelfSignedCertificate generate(String commonName, long seed, Instant notBefore) {
        Objects.requireNonNull(commonName, "commonName");
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(("sark-testkit-cert:" + seed + ":" + commonName).getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();

            byte[] serialBytes = new byte[16];
            random.nextBytes(serialBytes);
            serialBytes[0] = (byte) ((serialBytes[0] & 0x7f) | 0x01); // positive, non-zero, 16 bytes
            Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
            Instant end = ZonedDateTime.ofInstant(start, ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();

            byte[] name = sequence(
                    set(sequence(OID_CN, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))),
                    set(sequence(OID_O, tlv(0x0c, "SARK testkit".getBytes(StandardCharsets.UTF_8)))));
            byte[] algorithm = sequence(OID_ECDSA_SHA256);
            byte[] basicConstraints = sequence(OID_BASIC_CONSTRAINTS, tlv(0x01, new byte[] {(byte) 0xff}),
                    tlv(0x04, sequence(tlv(0x01, new byte[] {(byte) 0xff}))));
            byte[] subjectAltName = sequence(OID_SUBJECT_ALT_NAME,
                    tlv(0x04, sequence(tlv(0x82, commonName.getBytes(StandardCharsets.US_ASCII)))));
            byte[] tbs = sequence(
                    tlv(0xa0, integer(BigInteger.TWO)),
                    integer(new BigInteger(serialBytes)),
                    algorithm,
                    name,
                    sequence(time(start), time(end)),
                    name,
                    keys.getPublic().getEncoded(),
                    tlv(0xa3, sequence(basicConstraints, subjectAltName)));

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate(), random);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] der = sequence(tbs, algorithm, bitString(signature));

            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new SelfSignedCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a test certificate: " + e.getMessage(), e);
        }
    }

    /** The DER encoding of the certificate. */
    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM ({@code -----BEGIN CERTIFICATE-----}, 64-character lines). */
    public String pem() {
        return pem("CERTIFICATE", der());
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Lower-case hex SHA-256 of the DER encoding (what {@code federation_nodes.trust_anchor_sha256} holds). */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line: the subject and the first 16 hex digits of {@link #sha256()} (no certificate dump, no key). */
    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal().getName() + ", sha256 "
                + sha256().substring(0, 16) + "…]";
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    // ---- minimal DER encoder -------------------------------------------------------------------------

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xff) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] bitString(byte[] bits) {
        return tlv(0x03, concat(new byte[] {0}, bits));
    }

    private static byte[] time(Instant instant) {
        ZonedDateTime t = ZonedDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() >= 1950 && t.getYear() < 2050) {
            return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(long... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((int) (arcs[0] * 40 + arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = arcs[i];
            int groups = 1;
            for (long v = arc >>> 7; v != 0; v >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((arc >>> (7 * g)) & 0x7f);
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }
}
