package dev.atomicint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.function.BinaryOperator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy's atomic methods answer what int arithmetic gives, whichever of AtomicInt's forms (long
 * or exact) serves them: values and arguments on both sides of the 64-bit boundary.
 */
class AtomicIntProxyTest {

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    private static final List<BigInteger> VALUES = List.of(BigInteger.valueOf(5), BigInteger.valueOf(Long.MAX_VALUE),
            BigInteger.valueOf(Long.MIN_VALUE), TWO_63, TWO_63.negate().subtract(BigInteger.ONE));

    private static Context context;

    @BeforeAll
    static void createContext() {
        context = Context.create();
    }

    @AfterAll
    static void closeContext() {
        context.close();
    }

    private static Value proxyOf(BigInteger value) {
        return context.asValue(new AtomicIntProxy(new AtomicInt(value)));
    }

    private static BigInteger big(Value number) {
        return number.asBigInteger();
    }

    /** Each adding member with each argument: the answer (before or after) and the value after. */
    @Test
    void addingMembersAnswerAsIntArithmeticAcrossTheLongBoundary() {
        record Member(String name, BinaryOperator<BigInteger> after, boolean answersNew) {}
        List<Member> members = List.of(new Member("get_and_add", BigInteger::add, false), new Member("add_and_get", BigInteger::add, true),
                new Member("get_and_increment", BigInteger::add, false), new Member("increment_and_get", BigInteger::add, true),
                new Member("get_and_decrement", BigInteger::subtract, false), new Member("decrement_and_get", BigInteger::subtract, true));
        for (BigInteger start : VALUES) {
            for (BigInteger delta : VALUES) {
                for (Member member : members) {
                    Value proxy = proxyOf(start);
                    BigInteger after = member.after().apply(start, delta);
                    Value answer = proxy.invokeMember(member.name(), delta.bitLength() < 64 ? (Object) delta.longValue() : delta);
                    String where = member.name() + "(" + delta + ") on " + start;
                    assertEquals(member.answersNew() ? after : start, big(answer), where);
                    assertEquals(after, big(proxy.invokeMember("get")), where);
                }
            }
        }
    }

    @Test
    void amountMembersAddOneWithoutAnArgument() {
        Value proxy = proxyOf(BigInteger.valueOf(Long.MAX_VALUE));
        assertEquals(TWO_63, big(proxy.invokeMember("increment_and_get")));
        assertEquals(TWO_63, big(proxy.invokeMember("get_and_decrement")));
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE), big(proxy.invokeMember("get")));
    }

    @Test
    void getAndSetAnswersThePreviousValueAcrossTheLongBoundary() {
        for (BigInteger start : VALUES) {
            for (BigInteger next : VALUES) {
                Value proxy = proxyOf(start);
                assertEquals(start, big(proxy.invokeMember("get_and_set", next.bitLength() < 64 ? (Object) next.longValue() : next)));
                assertEquals(next, big(proxy.invokeMember("get")));
            }
        }
    }

    @Test
    void compareAndSetComparesByValueAcrossTheLongBoundary() {
        for (BigInteger start : VALUES) {
            for (BigInteger expected : VALUES) {
                Value proxy = proxyOf(start);
                boolean set = proxy.invokeMember("compare_and_set", expected.bitLength() < 64 ? (Object) expected.longValue() : expected, 1L)
                        .asBoolean();
                assertEquals(start.equals(expected), set, expected + " on " + start);
                assertEquals(set ? BigInteger.ONE : start, big(proxy.invokeMember("get")));
            }
        }
    }
}
