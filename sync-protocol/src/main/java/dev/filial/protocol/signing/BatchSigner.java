package dev.filial.protocol.signing;

/** Signs the header of a batch file. One method that matters; the key id goes on the wire. */
public interface BatchSigner {

    /** The id of the public key that verifies this signer's signatures. */
    KeyId keyId();

    /** The signature of {@code message}. */
    byte[] sign(byte[] message);
}
