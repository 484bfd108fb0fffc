package dev.filial.node.access;

import java.util.Locale;

/**
 * What a local user may do. {@code admin}: everything, including users; {@code manager}: CRM and
 * catalog; {@code agent}: CRM, catalog read-only; {@code viewer}: read-only.
 */
public enum Role {
    ADMIN, MANAGER, AGENT, VIEWER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + code + "'; use admin, manager, agent or viewer");
    }
}
