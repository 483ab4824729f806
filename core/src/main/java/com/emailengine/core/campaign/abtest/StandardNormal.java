package com.emailengine.core.campaign.abtest;

/**
 * The standard normal distribution function Φ and its upper tail 1 − Φ, to double precision.
 *
 * <p>W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the error function",
 * Math. Comp. 23 (1969) 631-637, as arranged for Φ in his ANORM, ACM TOMS Algorithm 715, 1993), in three ranges of
 * |x|: up to 0.67448975 (the quartile), up to √32, and beyond. Their error is below 1e-15 in absolute terms and
 * about 1e-14 relative to the tail even far out, where the z-test's p-values live; Abramowitz-Stegun 7.1.26 (1.5e-7
 * absolute) would give a p-value of 1e-9 no correct digit. The JDK has no erf; this class is the whole dependency.
 *
 * <p>The tail is computed directly, never as 1 − Φ, so small p-values keep their digits: {@code cdf(x)} is
 * {@code upperTail(-x)}.
 */
final class StandardNormal {

    private static final double QUARTILE = 0.67448975;
    private static final double SQRT_32 = 5.656854249492380195206754896838;
    private static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
    /** Beyond this the tail is below the smallest double (e^(−x²/2) underflows near x = 38.6). */
    private static final double NEGLIGIBLE = 40;

    // |x| <= QUARTILE: Φ(x) = 1/2 + x·A(x²)/B(x²)
    private static final double[] A = {
        2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
        0.065682337918207449113};
    private static final double[] B = {
        47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956};
    // QUARTILE < |x| <= √32: tail = e^(−x²/2)·C(|x|)/D(|x|)
    private static final double[] C = {
        0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
        2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
        1.0765576773720192317e-8};
    private static final double[] D = {
        22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
        18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727};
    // |x| > √32: tail = e^(−x²/2)·(1/√(2π) − P(1/x²)/Q(1/x²)/x²)/|x|
    private static final double[] P = {
        0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
        2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {
        1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
        7.29751555083966205e-5};

    private StandardNormal() {
    }

    /** Φ(x) = P(Z ≤ x). */
    static double cdf(double x) {
        return upperTail(-x);
    }

    /** 1 − Φ(x) = P(Z &gt; x), the one-sided p-value of a z score. */
    static double upperTail(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double y = Math.abs(x);
        if (y <= QUARTILE) {
            double xsq = x * x;
            double num = A[4] * xsq;
            double den = xsq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * xsq;
                den = (den + B[i]) * xsq;
            }
            return 0.5 - x * (num + A[3]) / (den + B[3]);
        }
        double tail;
        if (y >= NEGLIGIBLE) {
            tail = 0;
        } else if (y <= SQRT_32) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            tail = gaussian(y) * (num + C[7]) / (den + D[7]);
        } else {
            double inverse = 1 / (y * y);
            double num = P[5] * inverse;
            double den = inverse;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * inverse;
                den = (den + Q[i]) * inverse;
            }
            double ratio = inverse * (num + P[4]) / (den + Q[4]);
            tail = gaussian(y) * (ONE_OVER_SQRT_2PI - ratio) / y;
        }
        return x > 0 ? tail : 1 - tail;
    }

    /**
     * e^(−y²/2) with y² split at a multiple of 1/16 (Cody's device): the rounding error of squaring a large y would
     * otherwise be multiplied by y² in the exponent and cost the tail several digits.
     */
    private static double gaussian(double y) {
        double coarse = Math.floor(y * 16) / 16;
        double rest = (y - coarse) * (y + coarse);
        return Math.exp(-coarse * coarse * 0.5) * Math.exp(-rest * 0.5);
    }
}
