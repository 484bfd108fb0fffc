package dev.filial.protocol.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final byte[] BODY = "batch".getBytes(StandardCharsets.UTF_8);

    private final Ed25519BatchSigner signer = Ed25519BatchSigner.generate();
    private final KeyRing ring = new KeyRing().trust(MSK, signer.publicKey());
    private final RequestSignature verifier = new RequestSignature(ring);
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void acceptsASignedRequestOnceAndNamesTheCaller() {
        String header = RequestSignature.sign(signer, MSK, "POST", "/sync/v1/batches", BODY, now);
        assertThat(verifier.verify(header, "POST", "/sync/v1/batches", BODY, now)).isEqualTo(MSK);
        refused(() -> verifier.verify(header, "POST", "/sync/v1/batches", BODY, now), "replayed");
    }

    @Test
    void refusesAlteredMissingMalformedStaleUnknownAndRevoked() {
        String header = RequestSignature.sign(signer, MSK, "POST", "/sync/v1/batches", BODY, now);
        refused(() -> verifier.verify(header, "POST", "/sync/v1/batches", "other".getBytes(StandardCharsets.UTF_8), now),
                "bad-signature");
        refused(() -> verifier.verify(header, "GET", "/sync/v1/batches", BODY, now), "bad-signature");
        refused(() -> verifier.verify(null, "POST", "/sync/v1/batches", BODY, now), "missing");
        refused(() -> verifier.verify("Filial node=MSK, time=x", "POST", "/", BODY, now), "malformed");
        refused(() -> verifier.verify("Filial garbage", "POST", "/", BODY, now), "malformed");
        refused(() -> verifier.verify(header, "POST", "/sync/v1/batches", BODY, now.plus(Duration.ofMinutes(6))), "stale");
        Ed25519BatchSigner stranger = Ed25519BatchSigner.generate();
        refused(() -> verifier.verify(RequestSignature.sign(stranger, NodeCode.parse("XYZ"), "POST", "/", BODY, now),
                "POST", "/", BODY, now), "unknown-node");
        refused(() -> verifier.verify(RequestSignature.sign(stranger, MSK, "POST", "/", BODY, now), "POST", "/", BODY, now),
                "bad-signature");
        ring.revoke(MSK, signer.publicKey(), "laptop lost");
        refused(() -> verifier.verify(RequestSignature.sign(signer, MSK, "POST", "/", BODY, now), "POST", "/", BODY, now),
                "revoked-node");
    }

    private static void refused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRefusedException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
