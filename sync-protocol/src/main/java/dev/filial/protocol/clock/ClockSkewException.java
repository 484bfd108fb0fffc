package dev.filial.protocol.clock;

/** A remote HLC timestamp is too far ahead of the local wall clock to be adopted. */
public final class ClockSkewException extends RuntimeException {

    private final Hlc remote;

    ClockSkewException(Hlc remote, long localWallMillis, long maxSkewMillis) {
        super("remote clock " + remote + " is " + (remote.physical() - localWallMillis)
                + " ms ahead of this node's wall clock (at most " + maxSkewMillis + " ms allowed). "
                + "Hint: check the date and time on both machines; the sender's clock may be set in the future.");
        this.remote = remote;
    }

    public Hlc remote() {
        return remote;
    }
}
