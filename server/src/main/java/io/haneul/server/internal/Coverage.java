package io.haneul.server.internal;

import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.model.ServiceModel;
import io.haneul.server.services.ServiceRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which operations of each model are implemented, computed from the providers' methods.
 */
public final class Coverage {

    private final ServiceRegistry registry;

    public Coverage(ServiceRegistry registry) {
        this.registry = registry;
    }

    public Map<String, Object> report() {
        Map<String, Object> services = new LinkedHashMap<>();
        int total = 0;
        int implemented = 0;
        for (ServiceModel meta : registry.models()) {
            ServiceModel model = registry.fullModel(meta.id());
            List<String> done = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            if (registry.isServed(model.id())) {
                ServiceBinding binding = registry.binding(model.id());
                for (OperationBinding op : binding.operations()) {
                    (op.implemented() ? done : missing).add(op.name());
                }
            } else {
                missing.addAll(model.operations().keySet());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("serviceId", model.serviceId());
            entry.put("protocols", model.protocols());
            entry.put("operations", done.size() + missing.size());
            entry.put("implemented", done.size());
            entry.put("implementedOperations", done);
            entry.put("missingOperations", missing);
            services.put(model.id(), entry);
            total += done.size() + missing.size();
            implemented += done.size();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("operations", total);
        report.put("implemented", implemented);
        report.put("services", services);
        return report;
    }
}
