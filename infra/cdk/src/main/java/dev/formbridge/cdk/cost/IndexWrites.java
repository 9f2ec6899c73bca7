package dev.formbridge.cdk.cost;

import java.util.Map;

/**
 * What an item write costs in the table's secondary indexes, by each index's projection in the synthesized template.
 * An index that copies every attribute ({@code ALL}) writes the whole item again, at every write of it; one that copies
 * keys and a few columns ({@code KEYS_ONLY}, {@code INCLUDE}) writes an entry under 1 KB (one unit) when an item enters
 * it or changes a copied attribute, and nothing when an update leaves those alone (ADR 0018).
 */
record IndexWrites(Map<String, String> projections) {
    static final String ALL = "ALL";

    /** Units a new item writes to {@code index}. */
    double put(String index, int itemUnits) {
        return copiesAll(index) ? itemUnits : 1;
    }

    /** Units an update that keeps {@code index}'s keys and copied attributes writes to it. */
    double quietUpdate(String index, int itemUnits) {
        return copiesAll(index) ? itemUnits : 0;
    }

    String projection(String index) {
        String projection = projections.get(index);
        if (projection == null) {
            throw new IllegalArgumentException("the template's table has no index " + index);
        }
        return projection;
    }

    private boolean copiesAll(String index) {
        return ALL.equals(projection(index));
    }
}
