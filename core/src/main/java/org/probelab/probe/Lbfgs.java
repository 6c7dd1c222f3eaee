package org.probelab.probe;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for several independent smooth
 * problems whose values and gradients are computed together in one call (one graph run for all the
 * L2 weights of a linear probe). Each problem keeps its own history and step; one that has finished
 * is evaluated again at its final point until all have, which costs nothing extra in a batched
 * evaluation.
 *
 * <p>Written here rather than taken from a library because the problems must advance in lockstep
 * through one batched evaluation; the general-purpose L-BFGS implementations for the JVM drive one
 * problem through a callback of their own.
 */
final class Lbfgs {
    /** Past steps kept for the inverse-Hessian estimate. */
    static final int HISTORY = 10;
    /** Converged when the largest gradient component is at most this. */
    static final double GRADIENT_TOLERANCE = 1e-5;
    /** ... or when an iteration lowers the objective by at most this fraction (a float32 objective is noise below it). */
    static final double RELATIVE_DECREASE_TOLERANCE = 1e-6;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 12;

    /** Values of every problem at {@code points}, gradients written into {@code gradients}. */
    interface Objective {
        double[] evaluate(double[][] points, double[][] gradients);
    }

    /**
     * One problem's minimiser: its point, the iterations taken, whether the budget ended it, and
     * whether it ended because no step along the last direction lowered the objective.
     */
    record Result(double[] x, int iterations, boolean budgetRanOut, boolean stalled) {
    }

    private Lbfgs() {
    }

    static Result[] minimize(Objective objective, double[][] start, int maxIterations) {
        int problems = start.length;
        Problem[] state = new Problem[problems];
        double[][] points = new double[problems][];
        double[][] gradients = new double[problems][];
        for (int m = 0; m < problems; m++) {
            points[m] = start[m].clone();
            gradients[m] = new double[start[m].length];
        }
        double[] values = objective.evaluate(points, gradients);
        for (int m = 0; m < problems; m++) {
            state[m] = new Problem(points[m].clone(), values[m], gradients[m].clone(), maxIterations);
        }
        while (Arrays.stream(state).anyMatch(p -> p.active)) {
            for (int m = 0; m < problems; m++) {
                state[m].trial(points[m]);
            }
            values = objective.evaluate(points, gradients);
            for (int m = 0; m < problems; m++) {
                state[m].observe(points[m], values[m], gradients[m]);
            }
        }
        Result[] results = new Result[problems];
        for (int m = 0; m < problems; m++) {
            results[m] = new Result(state[m].x, state[m].iterations, state[m].budgetRanOut, state[m].stalled);
        }
        return results;
    }

    /** One problem's iterate, history and line-search state. */
    private static final class Problem {
        final int maxIterations;
        final Deque<double[][]> history = new ArrayDeque<>();
        double[] x;
        double f;
        double[] g;
        double[] direction;
        double directional;
        double step;
        int backtracks;
        int iterations;
        boolean active = true;
        boolean budgetRanOut;
        boolean stalled;

        Problem(double[] x, double f, double[] g, int maxIterations) {
            this.x = x;
            this.f = f;
            this.g = g;
            this.maxIterations = maxIterations;
            if (maxNorm(g) <= GRADIENT_TOLERANCE) {
                active = false;
            } else {
                newDirection();
            }
        }

        /** Writes the point to evaluate next into {@code point}: a trial step, or the final point. */
        void trial(double[] point) {
            for (int i = 0; i < x.length; i++) {
                point[i] = active ? x[i] + step * direction[i] : x[i];
            }
        }

        void observe(double[] point, double value, double[] gradient) {
            if (!active) {
                return;
            }
            if (!(value <= f + ARMIJO * step * directional)) {
                step *= 0.5;
                // No acceptable step within float precision: the point is as good as the objective can tell.
                stalled = ++backtracks >= MAX_BACKTRACKS;
                active = !stalled;
                return;
            }
            double[] s = new double[x.length];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                s[i] = point[i] - x[i];
                y[i] = gradient[i] - g[i];
            }
            if (dot(s, y) > 1e-12) {
                history.addLast(new double[][] {s, y});
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            double decrease = f - value;
            x = point.clone();
            g = gradient.clone();
            f = value;
            iterations++;
            boolean converged = maxNorm(g) <= GRADIENT_TOLERANCE
                    || decrease <= RELATIVE_DECREASE_TOLERANCE * Math.max(1, Math.abs(f));
            if (converged) {
                active = false;
            } else if (iterations >= maxIterations) {
                active = false;
                budgetRanOut = true;
            } else {
                newDirection();
            }
        }

        /** The two-loop recursion: direction = -H g, H the inverse-Hessian estimate from the history. */
        private void newDirection() {
            double[] q = g.clone();
            int k = history.size();
            double[] alpha = new double[k];
            Iterator<double[][]> newest = history.descendingIterator();
            for (int j = k - 1; j >= 0; j--) {
                double[][] sy = newest.next();
                alpha[j] = dot(sy[0], q) / dot(sy[0], sy[1]);
                axpy(-alpha[j], sy[1], q);
            }
            double scale;
            if (k == 0) {
                // First step: length 1 along the gradient; the line search shortens it if needed.
                scale = 1 / Math.sqrt(dot(g, g));
            } else {
                double[][] last = history.getLast();
                scale = dot(last[0], last[1]) / dot(last[1], last[1]);
            }
            for (int i = 0; i < q.length; i++) {
                q[i] *= scale;
            }
            Iterator<double[][]> oldest = history.iterator();
            for (int j = 0; j < k; j++) {
                double[][] sy = oldest.next();
                double beta = dot(sy[1], q) / dot(sy[0], sy[1]);
                axpy(alpha[j] - beta, sy[0], q);
            }
            direction = q;
            for (int i = 0; i < direction.length; i++) {
                direction[i] = -direction[i];
            }
            directional = dot(g, direction);
            if (!(directional < 0)) {
                if (history.isEmpty()) {
                    // Not even the gradient descends: a non-finite gradient, nothing left to do.
                    active = false;
                    stalled = true;
                    return;
                }
                // Not a descent direction (a stale history): start afresh from the gradient.
                history.clear();
                newDirection();
                return;
            }
            step = 1;
            backtracks = 0;
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxNorm(double[] v) {
        double max = 0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
