package org.camelmm7;

import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail servers for the tests: on loopback, with room to start on a busy 2-core machine. */
public final class LoopbackMail {

    private LoopbackMail() {
    }

    /** GreenMail's default 2 s start-up wait was seen to run out on CI-sized machines. */
    public static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(10_000);
        return setup;
    }
}
