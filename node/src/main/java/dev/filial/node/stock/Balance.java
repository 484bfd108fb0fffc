package dev.filial.node.stock;

import java.math.BigDecimal;

/** Stock of one product in one warehouse: on hand, reserved for orders, and what is left to sell. */
public record Balance(String warehouseId, String productId, BigDecimal onHand, BigDecimal reserved) {

    public static Balance none(String warehouseId, String productId) {
        return new Balance(warehouseId, productId, BigDecimal.ZERO.setScale(3), BigDecimal.ZERO.setScale(3));
    }

    /** On hand minus reserved. */
    public BigDecimal available() {
        return onHand.subtract(reserved);
    }
}
