/** Counterparties (organisations and persons), their contact persons and contact points, duplicate detection. */
package dev.filial.node.crm;
