"""Countries and Parties: their codes and their UN names."""
