# Sourced by the tools that write where Maven and the Kotlin kernel read: defines user_home, the home directory
# as the JVM sees it (user.home). Both take ~/.m2 and ~/.jupyter_kotlin from it, and it comes from the account's
# password entry, not from $HOME, which containers and CI jobs often point elsewhere. PROBELAB_USER_HOME, set by
# the tool that asked first, saves the next one a JVM start.
if [ -z "${PROBELAB_USER_HOME:-}" ]; then
    PROBELAB_USER_HOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *user\.home = //p')
    [ -n "$PROBELAB_USER_HOME" ] || { echo "probelab: cannot tell the JVM's user.home (is java on PATH?)" >&2; exit 1; }
fi
export PROBELAB_USER_HOME
user_home=$PROBELAB_USER_HOME
