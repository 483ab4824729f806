package com.emailengine.bench.validation;

import com.emailengine.core.validation.AddressValidator;
import com.emailengine.core.validation.Validation;
import com.emailengine.core.validation.ValidationData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline validation (syntax, IDNA, reserved, disposable, role, typo) of one address at a time, on one thread:
 * the target is at least 100,000 addresses per second on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OfflineValidationBenchmark {

    private AddressValidator validator;
    private List<String> addresses;
    private int next;

    @Setup
    public void setUp() {
        validator = AddressValidator.standard(ValidationData.shipped(), null, null);
        addresses = SampleAddresses.generate(10_000, 42);
    }

    @Benchmark
    public Validation validateOneAddress() {
        String address = addresses.get(next);
        next = next + 1 == addresses.size() ? 0 : next + 1;
        return validator.validate(address);
    }
}
