package tech.flashback.connect.bench;

/**
 * One benchmark figure next to the limit it is judged against, both measured in the same run.
 *
 * @param target the target this figure answers, e.g. "1. Conversion: minute rows"
 * @param measure what was measured, e.g. "rows/s, one thread"
 * @param value the figure, formatted with its unit
 * @param limit the limit it is compared with (what it is and its value), formatted
 * @param ratio value over limit, formatted (a percentage, or a multiple for times)
 * @param required what the target asks for
 * @param met whether the figure meets the target
 */
public record Figure(
    String target,
    String measure,
    String value,
    String limit,
    String ratio,
    String required,
    boolean met) {}
