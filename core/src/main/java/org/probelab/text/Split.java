package org.probelab.text;

public enum Split {
    TRAIN, DEV, TEST
}
