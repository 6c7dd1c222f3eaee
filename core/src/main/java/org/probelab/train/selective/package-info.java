/**
 * Selective masking for task-guided pre-training (Gu et al. 2020, "Train No Evil"): a fine-tuned sentence
 * classifier scores each word's importance ({@link org.probelab.train.selective.ImportanceScorer}), a token
 * classifier learns those marks and marks domain text ({@link org.probelab.train.selective.ImportanceTagger}),
 * and the masked LM masks marked words only ({@link org.probelab.train.mlm.SelectiveMasking}).
 */
package org.probelab.train.selective;
