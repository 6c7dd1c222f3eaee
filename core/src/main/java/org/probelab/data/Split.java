package org.probelab.data;

public enum Split {
    TRAIN, DEV, TEST
}
