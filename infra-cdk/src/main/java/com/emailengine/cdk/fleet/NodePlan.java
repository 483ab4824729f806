package com.emailengine.cdk.fleet;

import java.util.List;

/** One sender node (numbered from 1) and the interfaces it attaches at boot. */
public record NodePlan(int number, List<InterfacePlan> interfaces) {

    public NodePlan {
        interfaces = List.copyOf(interfaces);
    }

    public List<SendingAddressPlan> addresses() {
        return interfaces.stream().flatMap(i -> i.addresses().stream()).toList();
    }
}
