package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** Rosenbrock's valley, scaled by {@code a}: minimum 0 at (1, 1) whatever {@code a}. */
    private static double rosenbrock(double a, double[] p, double[] g) {
        double x = p[0];
        double y = p[1];
        g[0] = a * (-2 * (1 - x) - 400 * x * (y - x * x));
        g[1] = a * 200 * (y - x * x);
        return a * ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x));
    }

    @Test
    void problemsEvaluatedTogetherEachReachTheirOwnMinimum() {
        double[] scales = {1, 1000};
        Lbfgs.Result[] results = Lbfgs.minimize((points, gradients) -> {
            double[] values = new double[points.length];
            for (int m = 0; m < points.length; m++) {
                values[m] = rosenbrock(scales[m], points[m], gradients[m]);
            }
            return values;
        }, new double[][] {{-1.2, 1}, {-1.2, 1}}, 500);
        for (Lbfgs.Result result : results) {
            assertEquals(1, result.x()[0], 1e-3);
            assertEquals(1, result.x()[1], 1e-3);
            assertFalse(result.budgetRanOut());
            assertTrue(result.iterations() > 10, "Rosenbrock needs more than a few steps: " + result.iterations());
        }
    }

    @Test
    void aCutBudgetIsReportedAsSuch() {
        Lbfgs.Result[] results = Lbfgs.minimize((points, gradients) -> new double[] {
            rosenbrock(1, points[0], gradients[0])}, new double[][] {{-1.2, 1}}, 3);
        assertEquals(3, results[0].iterations());
        assertTrue(results[0].budgetRanOut());
    }

    @Test
    void aStartAtTheMinimumTakesNoStep() {
        Lbfgs.Result[] results = Lbfgs.minimize((points, gradients) -> new double[] {
            rosenbrock(1, points[0], gradients[0])}, new double[][] {{1, 1}}, 100);
        assertEquals(0, results[0].iterations());
        assertFalse(results[0].budgetRanOut());
    }
}
