package io.sark.dao.internal;

import io.sark.schema.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** PEM certificate checks and fingerprints. Internal. */
public final class Pem {

    /**
     * Between the armour lines only base64 and whitespace: the database computes the fingerprint by stripping the
     * armour lines and whitespace and base64-decoding the rest, which only yields the DER for this shape (checked
     * below by comparing the decoded body with the parsed certificate's encoding).
     */
    private static final Pattern BASE64_LINES = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    private Pem() {
    }

    /** Returns {@code pem} trimmed if it is exactly one PEM X.509 certificate; otherwise refuses it naming {@code field}. */
    public static String requireOneCertificate(String field, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String text = pem.strip();
        String begin = "-----BEGIN CERTIFICATE-----";
        String end = "-----END CERTIFICATE-----";
        if (!text.startsWith(begin) || !text.endsWith(end) || text.indexOf(begin, 1) >= 0
                || text.indexOf(end) != text.length() - end.length()
                || !BASE64_LINES.matcher(text.substring(begin.length(), text.length() - end.length())).matches()) {
            throw new InvalidInputException(field, "must be exactly one PEM-encoded X.509 certificate");
        }
        try {
            Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
            if (certs.size() != 1 || !(certs.iterator().next() instanceof X509Certificate cert)) {
                throw new InvalidInputException(field, "must be exactly one PEM-encoded X.509 certificate, got " + certs.size());
            }
            byte[] body = java.util.Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
            if (!java.util.Arrays.equals(body, cert.getEncoded())) {
                throw new InvalidInputException(field, "must contain exactly the certificate's DER encoding (trailing data found)");
            }
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(field, "is not a parseable X.509 certificate: " + e.getMessage());
        }
        return text;
    }

    /**
     * Refuses the certificate in {@code pem} (already checked by {@link #requireOneCertificate}) unless {@code now} lies
     * in its validity period; the message names both dates.
     */
    public static void requireValidAt(String field, String pem, java.time.Instant now) {
        X509Certificate cert = parse(field, pem);
        java.time.Instant notBefore = cert.getNotBefore().toInstant();
        java.time.Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore) || now.isAfter(notAfter)) {
            throw new InvalidInputException(field, (now.isBefore(notBefore) ? "is not valid yet" : "has expired")
                    + ": valid from " + notBefore + " to " + notAfter + ", now is " + now);
        }
    }

    private static X509Certificate parse(String field, String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new InvalidInputException(field, "is not a parseable X.509 certificate: " + e.getMessage());
        }
    }

    /** Lowercase hex SHA-256 of the DER encoding of the (single) certificate in {@code pem}. */
    public static String sha256(String pem) {
        try {
            X509Certificate cert = parse("trustAnchorCert", pem);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new InvalidInputException("trustAnchorCert", "is not a parseable X.509 certificate: " + e.getMessage());
        }
    }
}
