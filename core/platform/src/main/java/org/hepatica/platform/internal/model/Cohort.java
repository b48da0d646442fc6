package org.hepatica.platform.internal.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepatica.cohort.Categorical;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ColumnSummary;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Endpoint;

/** A stored, immutable cohort; hands out copies only. */
public final class Cohort implements CohortView {
    private final CohortSummary summary;
    private final CohortData data;
    private final Map<String, Column> byName = new HashMap<>();
    private final List<ColumnSummary> columns;

    public Cohort(CohortSummary summary, CohortData data) {
        this.summary = summary;
        this.data = data;
        List<ColumnSummary> list = new ArrayList<>();
        for (Column c : data.columns()) {
            byName.put(c.name(), c);
            list.add(c.summary());
        }
        this.columns = Collections.unmodifiableList(list);
    }

    public CohortData data() {
        return data;
    }

    @Override
    public CohortSummary summary() {
        return summary;
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public List<ColumnSummary> columns() {
        return columns;
    }

    @Override
    public ColumnSummary column(String name) {
        Column c = name == null ? null : byName.get(name.trim().toLowerCase(Locale.ROOT));
        return c == null ? null : c.summary();
    }

    private Column require(String name) {
        Column c = name == null ? null : byName.get(name.trim().toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("the cohort has no column '" + name + "'");
        }
        return c;
    }

    @Override
    public List<String> patientIds() {
        return Collections.unmodifiableList(Arrays.asList(require("patient_id").texts().clone()));
    }

    @Override
    public double[] numeric(String name) {
        Column c = require(name);
        if (c.values() == null) {
            throw new IllegalArgumentException("column '" + name + "' is " + c.type().name().toLowerCase(Locale.ROOT)
                    + ", not numeric");
        }
        return c.values().clone();
    }

    @Override
    public Categorical categorical(String name) {
        Column c = require(name);
        if (c.codes() != null) {
            return new Categorical(c.levels(), c.codes().clone());
        }
        if (c.type() == ColumnType.TEXT) {
            return Columns.encode(c.texts());
        }
        // numeric columns with few values (0/1, grades) can be used as categories too
        return Columns.encode(c.values());
    }

    @Override
    public double[] time(Endpoint endpoint) {
        return (endpoint == Endpoint.OS ? data.osTime() : data.dfsTime()).clone();
    }

    @Override
    public int[] event(Endpoint endpoint) {
        return (endpoint == Endpoint.OS ? data.osEvent() : data.dfsEvent()).clone();
    }

    @Override
    public int[] dfsCause() {
        return data.dfsCause().clone();
    }

    @Override
    public Instant importedAt() {
        return summary.importedAt();
    }
}
