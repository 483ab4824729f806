package com.emailengine.core.templating;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Stands between an operator of arithmetic, comparison or a range ({@code $a * $b}, {@code $a > 1}, {@code [1..$n]})
 * and each operand:
 * <ul>
 *   <li>refuses what Velocity would turn into a number the JDK handles in more than linear time: Velocity coerces a
 *       text to {@code new BigDecimal(text)}, which takes quadratic time in its digits (measured: 200,000 digits
 *       1.35 s, a million more than 8 s in one call the render cannot interrupt), and aligning a decimal such as
 *       {@code 1e999999999} with another allocates its billion digits. Texts of more than {@value #MAX_DIGITS}
 *       digits or with an exponent beyond three digits, and numbers beyond {@link ValueWeight}'s bounds, fail the
 *       render here, before the operator sees them;</li>
 *   <li>for {@code +}, which concatenates when either side is not a number, charges each text or collection operand
 *       to the render's budget before the operator builds the result from it: a chain of {@code +} builds a string
 *       from all its operands in one expression, with no other place to stop it.</li>
 * </ul>
 * The render's clock is checked at every operand.
 */
final class OperandGuard extends DelegatingNode {

    static final int MAX_DIGITS = 1000;

    private final boolean concatenates;

    OperandGuard(Node operand, boolean concatenates) {
        super(operand);
        this.concatenates = concatenates;
    }

    @Override
    public Object value(InternalContextAdapter context) {
        Object value = checked(node.value(context));
        RenderBudget budget = RenderBudget.current();
        if (budget != null) {
            if (concatenates && !(value instanceof Number)) {
                budget.spend(budget.weightOf(value));
            } else {
                budget.checkTime();
            }
        }
        return value;
    }

    static Object checked(Object value) {
        if (value instanceof CharSequence text && text.length() > 3 && tooLargeAsNumber(text)) {
            throw new RenderLimitException("a text used as a number has more than " + MAX_DIGITS
                    + " digits or an exponent beyond 999");
        }
        if (value instanceof Number number) {
            ValueWeight.checkNumber(number);
        }
        return value;
    }

    /** Whether BigDecimal would read the text as a number too large to compute with cheaply. */
    static boolean tooLargeAsNumber(CharSequence text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i == n) {
            return digits > MAX_DIGITS;
        }
        if (text.charAt(i) != 'e' && text.charAt(i) != 'E') {
            return false;
        }
        i++;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int exponentDigits = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (c != '0' || exponentDigits > 0) {
                exponentDigits++;
            }
        }
        return digits > MAX_DIGITS || exponentDigits > 3;
    }
}
