#!/usr/bin/env bash
# Runs a private RabbitMQ node for PayeTonKawa (started by the AppHost in Local mode), beside any system node:
# its own node name, ports and directories. Usage: rabbitmq.sh <data-directory> <amqp-port> <management-port> <dist-port>;
# the user and password come from RABBITMQ_USER_INIT and RABBITMQ_PASSWORD_INIT, the binaries from RABBITMQ_BIN_DIR
# (default: /usr/lib/rabbitmq/bin).
set -euo pipefail
data_dir=$1
amqp_port=$2
management_port=$3
dist_port=$4

server=${RABBITMQ_BIN_DIR:-/usr/lib/rabbitmq/bin}/rabbitmq-server
if [ ! -x "$server" ]; then
    echo "RabbitMQ est introuvable : installez-le avec 'apt-get install -y rabbitmq-server'." >&2
    exit 1
fi

mkdir -p "$data_dir/mnesia" "$data_dir/log"
cat > "$data_dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
default_user = ${RABBITMQ_USER_INIT:?RABBITMQ_USER_INIT is required}
default_pass = ${RABBITMQ_PASSWORD_INIT:?RABBITMQ_PASSWORD_INIT is required}
loopback_users = none
CONF
echo "[rabbitmq_management]." > "$data_dir/enabled_plugins"

export HOME="$data_dir"
export RABBITMQ_NODENAME="payetonkawa-$amqp_port@localhost"
export RABBITMQ_NODE_PORT=$amqp_port
export RABBITMQ_DIST_PORT=$dist_port
export RABBITMQ_MNESIA_BASE="$data_dir/mnesia"
export RABBITMQ_LOG_BASE="$data_dir/log"
export RABBITMQ_CONFIG_FILE="$data_dir/rabbitmq"
export RABBITMQ_ENABLED_PLUGINS_FILE="$data_dir/enabled_plugins"
export RABBITMQ_PID_FILE="$data_dir/rabbitmq.pid"
export RABBITMQ_LOGS=-
# No busy-waiting schedulers on a host shared with the APIs (../Infrastructure/BrokerScheduling.cs).
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="${RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS-+sbwt none +sbwtdcpu none +sbwtdio none}"
# Run the Erlang VM in place of this shell, so that the stop signal reaches the node itself.
export RUNNING_UNDER_SYSTEMD=true
exec "$server"
