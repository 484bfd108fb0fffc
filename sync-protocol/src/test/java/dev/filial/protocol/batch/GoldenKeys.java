package dev.filial.protocol.batch;

import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519BatchSigner;

/** The published keys the golden vectors are made with, so anyone can check them. */
final class GoldenKeys {

    /** RFC 8032 section 7.1, TEST 1 secret key: the sender MSK's signing key. */
    static final Ed25519BatchSigner SENDER = Ed25519BatchSigner.fromHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    /** RFC 8032 section 7.1, TEST 2 secret key: a key nobody trusts. */
    static final Ed25519BatchSigner STRANGER = Ed25519BatchSigner.fromHex(
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    /** RFC 7748 section 6.1, Alice's private key: the ephemeral key of encrypted vectors. */
    static final X25519KeyPair EPHEMERAL = X25519KeyPair.fromHex(
            "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    /** RFC 7748 section 6.1, Bob's private key: the recipient HQ's encryption key. */
    static final X25519KeyPair RECIPIENT = X25519KeyPair.fromHex(
            "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");

    private GoldenKeys() {
    }
}
