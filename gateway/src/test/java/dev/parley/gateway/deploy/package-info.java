/**
 * Tests of the deployment files against the gateway: docker-compose.yml, the Dockerfile, the nginx
 * configuration and the k8s/ manifests; and {@code ReplicasIT}, which runs the compose topology as processes
 * (three gateways behind the same nginx configuration) and stops replicas under chatting clients.
 */
package dev.parley.gateway.deploy;
