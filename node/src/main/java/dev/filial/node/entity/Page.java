package dev.filial.node.entity;

import java.util.List;
import java.util.Map;

/** One page of a list: the rows as JSON objects, and the total number of matching rows. */
public record Page(List<Map<String, Object>> items, long total, int page, int size) {
}
