/** Local users, roles and authentication (slow salted password hashes). */
package dev.filial.node.access;
