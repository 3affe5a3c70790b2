package io.hnsw4j.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernels a search calls per node stay under HotSpot's size limit for inlining hot methods
 * (FreqInlineSize: 325 bytes of bytecode). Over it, the search loop calls the kernel instead of
 * inlining it: squareDistanceShort at 330 bytes cost L2 searches 25-30% of their speed.
 */
class KernelInliningBudgetTest {
  private static final int FREQ_INLINE_SIZE = 325;

  @ParameterizedTest(name = "{0}.{1}")
  @CsvSource({
    "PanamaVectorOps, squareDistanceShort",
    "PanamaVectorOps, dotShort",
    "PanamaSegmentKernels, squareDistanceFloatsShort",
    "PanamaSegmentKernels, dotFloatsShort",
    "PanamaInt8Kernels, dot",
    "PanamaInt4Kernels, dot",
    "PanamaBitKernels, dot",
    "PanamaBitKernels, wholeVectors",
    "PanamaBitKernels, rest"
  })
  void kernelFitsTheInliningLimit(String className, String method) throws IOException {
    ClassModel model;
    try (InputStream in = PanamaVectorOps.class.getResourceAsStream(className + ".class")) {
      model = ClassFile.of().parse(in.readAllBytes());
    }
    int largest = -1;
    for (MethodModel m : model.methods()) {
      if (m.methodName().equalsString(method)) {
        int length = m.findAttribute(java.lang.classfile.Attributes.code())
            .map(CodeAttribute::codeLength).orElse(-1);
        largest = Math.max(largest, length);
      }
    }
    assertTrue(largest > 0, className + "." + method + " not found");
    assertTrue(largest < FREQ_INLINE_SIZE,
        className + "." + method + " has " + largest + " bytes of bytecode; keep it under " + FREQ_INLINE_SIZE);
  }
}
