package dev.atomicint.docs;

// quoted in docs: begin
import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.math.BigInteger;
import org.graalvm.polyglot.Context;

public class QuickStart {
    public static void main(String[] args) {
        AtomicInt counter = new AtomicInt();
        counter.incrementAndGet();                         // the AtomicLong API ...
        counter.addAndGet(BigInteger.TWO.pow(100));        // ... with BigInteger counterparts
        System.out.println(counter.getBigInteger());       // exact; get() would throw ArithmeticException:
                                                           // 2^100 + 1 does not fit in a long
        try (Context python = AtomicIntPython.newContext(Context.newBuilder("python"))) {
            python.getBindings("python").putMember("counter", counter);
            python.eval("python", "counter += 1");         // already an atomicint.AtomicInt: no wrapping
        }
        System.out.println(counter.getBigInteger());       // 1267650600228229401496703205378
    }
}
// quoted in docs: end
