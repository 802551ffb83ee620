package io.haneul.server.internal;

import io.haneul.core.engine.ProviderMethods;
import io.haneul.core.engine.SdkClassIndex;
import io.haneul.core.model.ServiceModel;
import io.haneul.server.services.ServiceRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which operations of each model are implemented, computed from the providers' classes: an
 * operation counts when its provider has a {@code (RequestContext, XxxRequest)} method for it, or when
 * a module declares that one of its data planes answers it ({@code ServiceModule.dataPlaneOperations}).
 */
public final class Coverage {

    private final ServiceRegistry registry;

    public Coverage(ServiceRegistry registry) {
        this.registry = registry;
    }

    /** Implemented and missing operations of one service, in model order. */
    public record ServiceCoverage(ServiceModel model, List<String> implemented, List<String> missing, boolean served) {
    }

    public List<ServiceCoverage> services() {
        List<ServiceCoverage> out = new ArrayList<>();
        for (ServiceModel meta : registry.models()) {
            ServiceModel model = registry.fullModel(meta.id());
            Set<Class<?>> handled = registry.providerType(model.id()).map(ProviderMethods::requestTypes).orElse(Set.of());
            Set<String> onDocuments = registry.providerType(model.id()).map(ProviderMethods::documentOperationNames).orElse(Set.of());
            SdkClassIndex classes = handled.isEmpty() ? null : SdkClassIndex.of(model.sdkModelPackage(), registry.classLoader());
            Set<String> onDataPlane = registry.dataPlaneOperations(model.id());
            List<String> done = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String op : model.operations().keySet()) {
                boolean implemented = onDataPlane.contains(op) || onDocuments.contains(op)
                        || classes != null && classes.find(op + "Request").map(handled::contains).orElse(false);
                (implemented ? done : missing).add(op);
            }
            out.add(new ServiceCoverage(model, done, missing, registry.isAnswered(model.id())));
        }
        return out;
    }

    public Map<String, Object> report() {
        Map<String, Object> services = new LinkedHashMap<>();
        int total = 0;
        int implemented = 0;
        for (ServiceCoverage c : services()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("serviceId", c.model().serviceId());
            entry.put("protocols", c.model().protocols());
            entry.put("served", c.served());
            entry.put("operations", c.implemented().size() + c.missing().size());
            entry.put("implemented", c.implemented().size());
            entry.put("implementedOperations", c.implemented());
            entry.put("missingOperations", c.missing());
            services.put(c.model().id(), entry);
            total += c.implemented().size() + c.missing().size();
            implemented += c.implemented().size();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("operations", total);
        report.put("implemented", implemented);
        report.put("services", services);
        return report;
    }

    /** The README's service table: one row per model, from this report. */
    public String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| service | model | protocols | operations implemented |\n|---|---|---|---|\n");
        for (ServiceCoverage c : services()) {
            int n = c.implemented().size() + c.missing().size();
            sb.append("| ").append(c.model().serviceId()).append(" | ").append(c.model().id()).append(" | ")
                    .append(String.join(", ", c.model().protocols())).append(" | ").append(c.implemented().size()).append(" / ")
                    .append(n).append(c.implemented().size() == n ? " (all)" : "").append(" |\n");
        }
        return sb.toString();
    }
}
