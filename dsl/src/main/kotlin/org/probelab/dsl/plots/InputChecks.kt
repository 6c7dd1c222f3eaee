package org.probelab.dsl.plots

// Shared argument checks: each failure names the field so a caller can find the bad value.

internal fun requireFinite(field: String, values: List<Double>) {
    values.forEachIndexed { i, v ->
        require(v.isFinite()) { "$field[$i] is $v; every value must be a finite number" }
    }
}

internal fun requireNotEmpty(field: String, values: Collection<*>) {
    require(values.isNotEmpty()) { "$field is empty; a figure needs at least one value" }
}

internal fun requireSameSize(field: String, values: Collection<*>, otherField: String, other: Collection<*>) {
    require(values.size == other.size) {
        "$field has ${values.size} values but $otherField has ${other.size}; they must pair up one to one"
    }
}

internal fun requireDistinctNames(field: String, names: List<String>) {
    names.forEachIndexed { i, name -> require(name.isNotBlank()) { "$field[$i] is blank; every name must be visible" } }
    val repeated = names.groupingBy { it }.eachCount().filterValues { it > 1 }.keys
    require(repeated.isEmpty()) { "$field repeats ${repeated.joinToString { "'$it'" }}; names must be distinct" }
}

/** Checks an n × n matrix whose rows and columns are both indexed by [names]. */
internal fun <T> requireSquare(field: String, rows: List<List<T>>, namesField: String, names: List<String>) {
    require(rows.size == names.size) {
        "$field has ${rows.size} rows but $namesField has ${names.size} names; the matrix must be ${names.size} × ${names.size}"
    }
    rows.forEachIndexed { i, row ->
        require(row.size == names.size) {
            "$field[$i] ('${names[i]}') has ${row.size} columns; expected ${names.size}, one per entry of $namesField"
        }
    }
}
