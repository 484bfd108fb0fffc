package dev.filial.protocol.exchange;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.signing.BatchSigner;
import dev.filial.protocol.signing.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header of the HTTP exchange (PROTOCOL.md section 14): the node signs the
 * method, target, its code, a timestamp, a nonce and the SHA-256 of the body with its batch signing
 * key. The hub accepts a request only from an enrolled, unrevoked node, within {@link #WINDOW} of its
 * own clock, with a nonce it has not seen in that window.
 *
 * <pre>Authorization: Filial node=MSK, time=1764000000000, nonce=9f3c..., signature=base64</pre>
 */
public final class RequestSignature {

    public static final String SCHEME = "Filial";
    /** How far a request's time may be from the hub's. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_NONCES = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;
    private final Map<String, Long> nonces = new LinkedHashMap<>(1024, 0.75f, false);

    /** A verifier over the keys of the nodes allowed to call. */
    public RequestSignature(KeyRing keys) {
        this.keys = keys;
    }

    /** The header value for a request of {@code node}. */
    public static String sign(BatchSigner signer, NodeCode node, String method, String target, byte[] body,
                              Instant now) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        long time = now.toEpochMilli();
        byte[] signature = signer.sign(message(method, target, node.toString(), time, nonce, body));
        return SCHEME + " node=" + node + ", time=" + time + ", nonce=" + nonce + ", signature="
                + Base64.getEncoder().encodeToString(signature);
    }

    /**
     * Checks a request; returns the calling node.
     *
     * @throws RequestRefusedException with the reason (missing, malformed, unknown-node, revoked-node,
     *     stale, replayed, bad-signature)
     */
    public NodeCode verify(String header, String method, String target, byte[] body, Instant now) {
        if (header == null || !header.startsWith(SCHEME + " ")) {
            throw new RequestRefusedException("missing", "send an Authorization header of the " + SCHEME
                    + " scheme, signed with the node's key (the node's sync command does this)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : header.substring(SCHEME.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw malformed();
            }
            fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
        }
        String node = fields.get("node");
        String nonce = fields.get("nonce");
        long time;
        byte[] signature;
        try {
            time = Long.parseLong(fields.getOrDefault("time", ""));
            signature = Base64.getDecoder().decode(fields.getOrDefault("signature", ""));
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (!NodeCode.isValid(node) || nonce == null || nonce.length() < 16 || nonce.length() > 64) {
            throw malformed();
        }
        NodeCode caller = NodeCode.parse(node);
        Optional<KeyRing.TrustedKey> key = keys.findOwnedBy(caller);
        if (key.isEmpty()) {
            throw new RequestRefusedException("unknown-node", "node " + node + " is not enrolled at this hub; "
                    + "enroll it at HQ and join with the package");
        }
        if (key.get().isRevoked()) {
            throw new RequestRefusedException("revoked-node", "node " + node + " was revoked: " + key.get().revoked()
                    + "; nothing it sends is accepted. Ask HQ to enroll this site again under a new code");
        }
        if (Math.abs(now.toEpochMilli() - time) > WINDOW.toMillis()) {
            throw new RequestRefusedException("stale", "the request's time is more than " + WINDOW.toMinutes()
                    + " minutes from the hub's clock; check the node's clock");
        }
        if (!key.get().key().verify(message(method, target, node, time, nonce, body), signature)) {
            throw new RequestRefusedException("bad-signature", "the request signature does not verify with node "
                    + node + "'s key; the request was altered, or the node's keys are not the enrolled ones");
        }
        remember(node + ":" + nonce, time, now);
        return caller;
    }

    private synchronized void remember(String nonce, long time, Instant now) {
        long oldest = now.toEpochMilli() - 2 * WINDOW.toMillis();
        nonces.values().removeIf(seen -> seen < oldest);
        if (nonces.putIfAbsent(nonce, time) != null) {
            throw new RequestRefusedException("replayed", "this request was received before; a captured request "
                    + "cannot be sent again");
        }
        if (nonces.size() > MAX_NONCES) {
            nonces.remove(nonces.keySet().iterator().next());
        }
    }

    private static RequestRefusedException malformed() {
        return new RequestRefusedException("malformed", "the Authorization header must read: " + SCHEME
                + " node=CODE, time=MILLIS, nonce=HEX, signature=BASE64");
    }

    static byte[] message(String method, String target, String node, long time, String nonce, byte[] body) {
        String text = "filial-request/1\n" + method + "\n" + target + "\n" + node + "\n" + time + "\n" + nonce + "\n"
                + sha256(body);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
