package io.haneul.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payload of a training, processing or transform job's entry in the durable scheduler: which
 * job of which account and region it runs. One shape for the three runners, so that they read what
 * their Create operation wrote the same way.
 */
public record JobKey(String account, String region, String name) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String payload() {
        return JSON.createObjectNode().put("account", account).put("region", region).put("name", name).toString();
    }

    public static JobKey parse(String payload) throws JsonProcessingException {
        JsonNode p = JSON.readTree(payload);
        return new JobKey(p.get("account").asText(), p.get("region").asText(), p.get("name").asText());
    }
}
