package com.emailengine.core.templating;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.velocity.runtime.parser.node.ASTAddNode;
import org.apache.velocity.runtime.parser.node.ASTComparisonNode;
import org.apache.velocity.runtime.parser.node.ASTIntegerRange;
import org.apache.velocity.runtime.parser.node.ASTMap;
import org.apache.velocity.runtime.parser.node.ASTMathNode;
import org.apache.velocity.runtime.parser.node.ASTNegateNode;
import org.apache.velocity.runtime.parser.node.ASTObjectArray;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Puts the render-time guards into a parsed tree, before Velocity initialises it: {@link OperandGuard} above every
 * operand of arithmetic, comparison, negation and ranges, {@link LiteralGuard} above every list, map and range
 * literal. {@link SandboxRuntime} does this for every tree Velocity parses, the template's and its interpolated
 * strings' alike. The walk is iterative: trees are refused for depth by {@link TemplateTreeRules}, not here.
 */
final class TreeGuards {

    private TreeGuards() {
    }

    static void install(Node root) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            boolean operator = node instanceof ASTMathNode || node instanceof ASTComparisonNode
                    || node instanceof ASTNegateNode || node instanceof ASTIntegerRange;
            for (int i = 0; i < node.jjtGetNumChildren(); i++) {
                Node child = node.jjtGetChild(i);
                if (child instanceof DelegatingNode) {
                    continue; // guarded already
                }
                pending.push(child);
                Node guarded = child;
                if (child instanceof ASTObjectArray || child instanceof ASTMap || child instanceof ASTIntegerRange) {
                    LiteralGuard literal = new LiteralGuard(child);
                    DelegatingNode.replace(node, i, literal);
                    guarded = literal;
                }
                if (operator) {
                    DelegatingNode.replace(node, i, new OperandGuard(guarded, node instanceof ASTAddNode));
                }
            }
        }
    }
}
