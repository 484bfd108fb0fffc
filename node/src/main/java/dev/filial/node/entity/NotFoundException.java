package dev.filial.node.entity;

/** No row with the given id, or no entity with the given name. */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
