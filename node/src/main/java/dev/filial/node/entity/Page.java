package dev.filial.node.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One page of a list: the rows as JSON objects, and the total number of matching rows. {@code items} is
 * written even when empty (the server leaves out empty values otherwise).
 */
public record Page(@JsonInclude(JsonInclude.Include.ALWAYS) List<Map<String, Object>> items, long total, int page,
                   int size) {
}
