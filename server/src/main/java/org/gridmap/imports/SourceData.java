package org.gridmap.imports;

import java.util.List;

/** What a reader got out of a file: the records, the CRS the file declares (null if none), and how it was read. */
record SourceData(String format, List<RawFeature> features, SourceCrs declaredCrs, String encoding,
                  List<String> columns) {}
