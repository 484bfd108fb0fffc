package dev.filial.node.access;

/** The acting user's role does not allow what was asked. */
public final class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(Actor actor, String what) {
        super("user '" + actor.login() + "' with role " + actor.role().code() + " may not " + what
                + "; ask an administrator for a role that allows it");
    }
}
